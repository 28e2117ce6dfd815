from threading import Condition, Thread

items = []
cond = Condition()


def consume():
    with cond:
        if len(items) == 0:
            cond.wait()
        items.pop()


def produce():
    for job in range(2):
        with cond:
            items.append(job)
            cond.notify()


c1 = Thread(target=consume)
c2 = Thread(target=consume)
p = Thread(target=produce)
c1.start()
c2.start()
p.start()
c1.join()
c2.join()
p.join()
