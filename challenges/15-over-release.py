from threading import Thread
from threading import BoundedSemaphore

machine = BoundedSemaphore(1)
busy = False


def brew():
    global busy
    machine.acquire()
    busy = True
    print("brewing")
    busy = False
    machine.release()


def watchdog():
    # Unstick it if it looks held.
    if busy:
        machine.release()


t1 = Thread(target=brew)
t2 = Thread(target=watchdog)
t1.start()
t2.start()
t1.join()
t2.join()
