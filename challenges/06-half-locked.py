from threading import Lock, Thread

balance = 0
lock = Lock()


def deposit(amount):
    global balance
    with lock:
        seen = balance
    balance = seen + amount


t1 = Thread(target=deposit, args=(10,))
t2 = Thread(target=deposit, args=(20,))
t1.start()
t2.start()
t1.join()
t2.join()
print("balance =", balance)
