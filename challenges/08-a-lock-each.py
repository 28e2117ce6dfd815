from threading import Lock, Thread


def worker(name):
    lock = Lock()
    with lock:
        # critical section
        print(name, "is inside")
        # end critical section


t1 = Thread(target=worker, args=("A",))
t2 = Thread(target=worker, args=("B",))
t1.start()
t2.start()
t1.join()
t2.join()
