# condition: a producer and two consumers share a one-slot buffer.
# Each holds the lock, waits on the condition while the buffer is full
# (producer) or empty (consumer), changes it, and wakes everyone waiting.
# Two bugs the built-in scenario shows (`interleave condition --variant`):
#   if:     a consumer checks `if not buffer:` instead of `while`, wakes
#           to an empty buffer, and pop(0) raises IndexError;
#   notify: notify() instead of notify_all() can wake the wrong thread,
#           and everyone left waits for ever.
# The same steps as `interleave condition --threads 3`, except that
# here reading `buffer` to test it is a step of its own.
import threading

buffer = []
lock = threading.Lock()
cond = threading.Condition(lock)


def produce(count):
    for item in range(count):
        with lock:
            while len(buffer) >= 1:
                cond.wait()
            buffer.append(item)
            cond.notify_all()


def consume(count):
    for _ in range(count):
        with lock:
            while not buffer:
                cond.wait()
            buffer.pop(0)
            cond.notify_all()


threads = [
    threading.Thread(target=produce, args=(20,)),
    threading.Thread(target=consume, args=(10,)),
    threading.Thread(target=consume, args=(10,)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("every item made was taken")
