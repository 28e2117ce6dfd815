import threading

balance = 100
lock = threading.Lock()


def withdraw(amount):
    global balance
    with lock:
        enough = balance >= amount
    if enough:
        with lock:
            balance = balance - amount


t1 = threading.Thread(target=withdraw, args=(60,))
t2 = threading.Thread(target=withdraw, args=(50,))
t1.start()
t2.start()
t1.join()
t2.join()
print("balance =", balance)
