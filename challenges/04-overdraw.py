import threading

balance = 100


def withdraw(amount):
    global balance
    if balance >= amount:
        balance = balance - amount


alice = threading.Thread(target=withdraw, args=(80,))
bob = threading.Thread(target=withdraw, args=(70,))
alice.start()
bob.start()
alice.join()
bob.join()
print("balance =", balance)
