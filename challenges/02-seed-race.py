# The tutorial's race, two rounds each.
from threading import Thread

balance = 0


def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for i in range(2):
        change_it(n)


a = Thread(target=run_thread, args=(5,))
b = Thread(target=run_thread, args=(8,))
a.start()
b.start()
a.join()
b.join()
print("balance =", balance)
