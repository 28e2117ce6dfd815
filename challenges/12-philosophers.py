from threading import Lock, Thread

forks = [Lock() for i in range(3)]


def dine(seat):
    left = forks[seat]
    right = forks[(seat + 1) % 3]
    with left:
        with right:
            print(seat, "eats")


diners = [Thread(target=dine, args=(s,))
          for s in range(3)]
for d in diners:
    d.start()
for d in diners:
    d.join()
