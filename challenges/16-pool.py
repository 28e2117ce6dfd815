from threading import Semaphore, Thread

pool = Semaphore(2)
in_use = 0


def borrow(name):
    global in_use
    with pool:
        in_use = in_use + 1
        print(name, "has a connection")
        in_use = in_use - 1


ws = [Thread(target=borrow, args=(n,))
      for n in ["A", "B", "C"]]
for w in ws:
    w.start()
for w in ws:
    w.join()
print("in use at the end:", in_use)
