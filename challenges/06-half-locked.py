import threading

balance = 0
lock = threading.Lock()


def deposit(amount):
    global balance
    with lock:
        seen = balance
    balance = seen + amount


t1 = threading.Thread(target=deposit, args=(10,))
t2 = threading.Thread(target=deposit, args=(20,))
t1.start()
t2.start()
t1.join()
t2.join()
print("balance =", balance)
