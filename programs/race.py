# race: two threads change one balance with no lock.
# `balance += n` is a read of balance and then a write: when the threads
# interleave, one write overwrites the other's and an update is lost.
# The same steps as the built-in scenario `interleave race`.
import threading

balance = 0


def change_it(n):
    global balance
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
