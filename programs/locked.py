# locked: the race with a lock around each change.
# Only the thread holding the lock may read and write balance, so no
# write is ever based on a stale read: balance ends 0 on every schedule.
# The same steps as the built-in scenario `interleave locked`.
import threading

balance = 0
lock = threading.Lock()


def change_it(n):
    global balance
    with lock:
        balance += n
        balance -= n


def run_thread(n):
    for _ in range(1000000):
        change_it(n)


threads = [threading.Thread(target=run_thread, args=(n,)) for n in [5, 8]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance = {balance}")
