import threading


def worker(name):
    lock = threading.Lock()
    with lock:
        # critical section
        print(name, "is inside")
        # end critical section


t1 = threading.Thread(target=worker, args=("A",))
t2 = threading.Thread(target=worker, args=("B",))
t1.start()
t2.start()
t1.join()
t2.join()
