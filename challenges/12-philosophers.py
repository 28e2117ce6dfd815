import threading

forks = [threading.Lock(), threading.Lock(), threading.Lock()]


def dine(seat):
    left = forks[seat]
    right = forks[(seat + 1) % 3]
    with left:
        with right:
            print("philosopher", seat, "eats")


diners = [threading.Thread(target=dine, args=(seat,)) for seat in range(3)]
for d in diners:
    d.start()
for d in diners:
    d.join()
