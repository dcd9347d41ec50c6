# Two tellers share one account guarded by self.lock (each holds it across
# a short sleep, so the other waits in the kernel), then two threads count
# at once and take turns on the GIL.  No prctl: names come from threading.
import threading
import time


class Bank:
    def __init__(self):
        self.lock = threading.Lock()
        self.balance = 100

    def withdraw(self, amount):
        with self.lock:
            time.sleep(0.002)
            self.balance -= amount


def teller(bank, ready):
    ready.wait()
    for _ in range(10):
        bank.withdraw(1)
        time.sleep(0.001)  # the other teller's turn


def count():
    n = 0
    while n < 3000000:
        n += 1


bank = Bank()
ready = threading.Barrier(2)
tellers = [threading.Thread(target=teller, args=(bank, ready), name='teller-%d' % i) for i in (1, 2)]
for t in tellers:
    t.start()
for t in tellers:
    t.join()
counters = [threading.Thread(target=count, name='counter-%d' % i) for i in (1, 2)]
for t in counters:
    t.start()
for t in counters:
    t.join()
print('balance', bank.balance)
