# Waits a student names by their variables: a Condition, an Event, a Queue,
# a Condition kept in an object's attribute and an Event kept in a global
# object's attribute; a Semaphore, a Barrier, a Timer and a Future, which
# wait the same way; and one thread waiting on three Conditions in turn,
# where each wait's lock is likely to take the freed memory of the one before.  Each blocks in
# Condition.wait () on a lock made for that one wait, which no variable
# of the program holds.
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

not_full = threading.Condition()
ready = threading.Event()
jobs = queue.Queue()
seats = threading.Semaphore(0)
meeting = threading.Barrier(2)
late = threading.Event()
executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix='pool')
answer = executor.submit(time.sleep, 0.5)


class Shelf:
    def __init__(self):
        self.changed = threading.Condition()
        self.done = threading.Event()


def wait_condition():
    with not_full:
        not_full.wait()


def wait_event():
    ready.wait()


def wait_queue():
    jobs.get()


def wait_shelf(s):
    with s.changed:
        s.changed.wait()


def wait_done():
    shelf.done.wait()


def wait_seat():
    seats.acquire()


def wait_meeting():
    meeting.wait()


def wait_answer():
    answer.result()


def wait_late():
    late.wait()


first, second, third = threading.Condition(), threading.Condition(), threading.Condition()


def wait_in_turn():
    with first:
        first.wait()
    with second:
        second.wait()
    with third:
        third.wait()


def notify(condition):
    with condition:
        condition.notify()


shelf = Shelf()
threads = [threading.Thread(target=wait_condition, name='on-condition'),
           threading.Thread(target=wait_event, name='on-event'),
           threading.Thread(target=wait_queue, name='on-queue'),
           threading.Thread(target=wait_shelf, args=(shelf,), name='on-shelf'),
           threading.Thread(target=wait_done, name='on-done'),
           threading.Thread(target=wait_seat, name='on-semaphore'),
           threading.Thread(target=wait_meeting, name='on-barrier'),
           threading.Thread(target=wait_answer, name='on-future'),
           threading.Thread(target=wait_in_turn, name='in-turn')]
timer = threading.Timer(0.5, lambda: None)
timer.name = 'on-timer'
threads.append(timer)
# A Timer's own function that waits on an Event waits on that Event.
in_timer = threading.Timer(0.0, wait_late)
in_timer.name = 'in-timer'
threads.append(in_timer)
for t in threads:
    t.start()
time.sleep(0.5)  # all are waiting by now, long enough to be read
with not_full:
    not_full.notify()
ready.set()
jobs.put('job')
with shelf.changed:
    shelf.changed.notify()
shelf.done.set()
seats.release()
meeting.wait()
late.set()
for condition in (first, second, third):
    notify(condition)
    time.sleep(0.4)
for t in threads:
    t.join()
executor.shutdown()
print('done', flush=True)
