import threading

ready = False
cond = threading.Condition()


def wait_for_start(name):
    with cond:
        while not ready:
            cond.wait()
    print(name, "starts")


r1 = threading.Thread(target=wait_for_start, args=("runner 1",))
r2 = threading.Thread(target=wait_for_start, args=("runner 2",))
r1.start()
r2.start()
with cond:
    ready = True
    cond.notify()
r1.join()
r2.join()
