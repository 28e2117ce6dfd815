# deadlock: two locks taken in opposite orders.
# Thread-1 takes lock_b then lock_a; Thread-2 takes lock_a then lock_b.
# If each gets its first lock before the other's second, both wait
# for ever: a deadlock. Taking the locks in one order everywhere cures it.
# The same steps as the built-in scenario `interleave deadlock`.
import threading, time

balance = 0
lock_a = threading.Lock()
lock_b = threading.Lock()


def run_thread(n, first, second):
    global balance
    for _ in range(1000000):
        with first:
            time.sleep(0.01)
            with second:
                balance += n
                balance -= n


t1 = threading.Thread(target=run_thread, args=(5, lock_b, lock_a))
t2 = threading.Thread(target=run_thread, args=(8, lock_a, lock_b))
t1.start()
t2.start()
t1.join()
t2.join()
print(f"balance = {balance}")
