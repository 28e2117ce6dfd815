from threading import Lock, Thread

alice = 100
bob = 100
alice_lock = Lock()
bob_lock = Lock()


def to_bob(amount):
    global alice, bob
    with alice_lock:
        with bob_lock:
            alice = alice - amount
            bob = bob + amount


def to_alice(amount):
    global alice, bob
    with bob_lock:
        with alice_lock:
            bob = bob - amount
            alice = alice + amount


t1 = Thread(target=to_bob, args=(30,))
t2 = Thread(target=to_alice, args=(20,))
t1.start()
t2.start()
t1.join()
t2.join()
print("alice", alice, "bob", bob)
