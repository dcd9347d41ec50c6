#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""活锁 / Livelock: always busy, never getting anywhere.

Not in the tutorial; the hazard next to its deadlock.  Two diners share a
fork and a knife.  Each takes the tool nearest to them, reaches for the
other one, and, being polite, puts the first tool back when the other is
taken, to try again.  They never stand still: reaching and hesitating are
busy loops (a diner fidgets).  The two are equally polite and equally
quick: they move in step (each round, neither reaches before the other
holds a tool, and neither gives back before the other has tried), so both
are always running, nobody is ever blocked on a lock, and nobody eats.
After 50 rounds (1 to 2 s) they pause for a random time before each try,
as Ethernet does after a collision, and both have eaten within a few tries.
"""
import random
import sys
import threading
import time

fork = threading.Lock()
knife = threading.Lock()
REACH = 0.010
POLITE_ROUNDS = 50
start = time.monotonic()
# The round each diner has reached: holding its first tool, and having tried.
holding = {'alice': 0, 'bob': 0}
tried = {'alice': 0, 'bob': 0}


def busy(seconds):
    """Stays on the CPU for that long, doing nothing useful."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pass


def until_other(progress, other, round_):
    """Fidgets until the other diner has got as far in this round."""
    while progress[other] < round_:
        pass


def say(text):
    sys.stdout.write(text + '\n')  # one write: the two diners' lines never mix
    sys.stdout.flush()


def diner(first, second, first_name, second_name, other):
    me = threading.current_thread().name
    round_ = 0
    while True:
        round_ += 1
        in_step = round_ <= POLITE_ROUNDS
        if not in_step:
            time.sleep(random.uniform(0, 0.1))  # random back-off: out of step
        with first:
            if in_step:
                holding[me] = round_
                until_other(holding, other, round_)
            busy(REACH)  # reaching for the other tool
            if second.acquire(blocking=False):
                say('%.2f s  %s eats, with the %s and the %s, after %d tries'
                    % (time.monotonic() - start, me, first_name, second_name, round_))
                time.sleep(0.1)
                second.release()
                return
            busy(REACH)  # hesitating, then giving the tool back
            if in_step:
                tried[me] = round_
                until_other(tried, other, round_)
        if round_ % 25 == 0:
            say('%.2f s  %s: %d tries, still hungry (the %s was taken every time)'
                % (time.monotonic() - start, me, round_, second_name))


if __name__ == '__main__':
    alice = threading.Thread(target=diner, args=(fork, knife, 'fork', 'knife', 'bob'), name='alice')
    bob = threading.Thread(target=diner, args=(knife, fork, 'knife', 'fork', 'alice'), name='bob')
    alice.start()
    bob.start()
    alice.join()
    bob.join()
