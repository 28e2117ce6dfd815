import threading

alice = 100
bob = 100
alice_lock = threading.Lock()
bob_lock = threading.Lock()


def pay_bob(amount):
    global alice, bob
    with alice_lock:
        with bob_lock:
            alice = alice - amount
            bob = bob + amount


def pay_alice(amount):
    global alice, bob
    with bob_lock:
        with alice_lock:
            bob = bob - amount
            alice = alice + amount


t1 = threading.Thread(target=pay_bob, args=(30,))
t2 = threading.Thread(target=pay_alice, args=(20,))
t1.start()
t2.start()
t1.join()
t2.join()
print("alice", alice, "bob", bob)
