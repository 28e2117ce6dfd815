from threading import Lock, Thread

balance = 100
lock = Lock()


def withdraw(amount):
    global balance
    with lock:
        enough = balance >= amount
    if enough:
        with lock:
            balance = balance - amount


t1 = Thread(target=withdraw, args=(60,))
t2 = Thread(target=withdraw, args=(50,))
t1.start()
t2.start()
t1.join()
t2.join()
print("balance =", balance)
