import threading

machine = threading.BoundedSemaphore(1)
busy = False


def brew():
    global busy
    machine.acquire()
    busy = True
    print("brewing")
    busy = False
    machine.release()


def watchdog():
    # "Unstick" the machine if someone seems to hold it.
    if busy:
        machine.release()


t1 = threading.Thread(target=brew)
t2 = threading.Thread(target=watchdog)
t1.start()
t2.start()
t1.join()
t2.join()
