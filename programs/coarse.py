# coarse: each thread holds the lock across its whole loop.
# The balance is right, but the other thread waits the whole time:
# a lock held this long turns parallel work into one-at-a-time work.
# The same steps as the built-in scenario `interleave coarse`.
import threading, time

balance = 0
lock = threading.Lock()


def run_thread(n):
    global balance
    with lock:
        for _ in range(10):
            balance += n
            time.sleep(0.1)


threads = [threading.Thread(target=run_thread, args=(n,)) for n in [1, 10]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance = {balance}")
