from threading import Thread

# Tickets sold: never more than 3.
sold = 0


def sell():
    global sold
    for i in range(2):
        if sold < 3:
            sold = sold + 1


t1 = Thread(target=sell)
t2 = Thread(target=sell)
t1.start()
t2.start()
t1.join()
t2.join()
print("tickets sold:", sold)
