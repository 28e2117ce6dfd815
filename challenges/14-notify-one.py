from threading import Condition, Thread

ready = False
cond = Condition()


def run(name):
    with cond:
        while not ready:
            cond.wait()
    print("runner", name, "starts")


r1 = Thread(target=run, args=("A",))
r2 = Thread(target=run, args=("B",))
r1.start()
r2.start()
with cond:
    ready = True
    cond.notify()
r1.join()
r2.join()
