from threading import Thread

busy = False


def use(name):
    global busy
    if not busy:
        busy = True
        # critical section
        print(name, "is printing")
        # end critical section
        busy = False


t1 = Thread(target=use, args=("A",))
t2 = Thread(target=use, args=("B",))
t1.start()
t2.start()
t1.join()
t2.join()
