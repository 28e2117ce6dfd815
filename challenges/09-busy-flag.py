import threading

busy = False


def use_printer(name):
    global busy
    if not busy:
        busy = True
        # critical section
        print(name, "is printing")
        # end critical section
        busy = False


t1 = threading.Thread(target=use_printer, args=("A",))
t2 = threading.Thread(target=use_printer, args=("B",))
t1.start()
t2.start()
t1.join()
t2.join()
