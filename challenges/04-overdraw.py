from threading import Thread

balance = 100


def withdraw(amount):
    global balance
    if balance >= amount:
        balance = balance - amount


a = Thread(target=withdraw, args=(80,))
b = Thread(target=withdraw, args=(70,))
a.start()
b.start()
a.join()
b.join()
print("balance =", balance)
