from threading import Thread

count = 0


def add_one():
    global count
    count += 1


t1 = Thread(target=add_one)
t2 = Thread(target=add_one)
t1.start()
t2.start()
t1.join()
t2.join()
print("count =", count)
