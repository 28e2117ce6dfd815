# semaphore: three threads share a pool of two connections.
# acquire() waits while both are in use, so never more than two are used
# at once: `most` ends at most 2 on every schedule.
# The same steps as `interleave semaphore --threads 3`, except that here
# the in-use count is kept under a lock of its own (Python has no atomic
# add), so taking and giving back a connection are more steps.
import threading, time

pool = threading.Semaphore(2)
count_lock = threading.Lock()
in_use = 0
most = 0


def use_pool(times):
    global in_use, most
    for _ in range(times):
        pool.acquire()
        with count_lock:
            in_use += 1
            if in_use > most:
                most = in_use
        time.sleep(0.05)
        with count_lock:
            in_use -= 1
        pool.release()


threads = [threading.Thread(target=use_pool, args=(5,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"most connections in use at once: {most}")
