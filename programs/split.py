# split: a lock around the read and another around the write.
# Each access is locked, yet the update is not: between reading balance
# and writing it back, the other thread can change it, and its update
# is lost. A lock must cover the whole read-change-write.
# The same steps as the built-in scenario `interleave split`.
import threading

balance = 0
lock = threading.Lock()


def update(change):
    global balance
    with lock:
        seen = balance
    with lock:
        balance = seen + change


def run_thread(n):
    for _ in range(1000000):
        update(n)
        update(-n)


threads = [threading.Thread(target=run_thread, args=(n,)) for n in [5, 8]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance = {balance}")
