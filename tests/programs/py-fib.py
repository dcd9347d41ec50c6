# A call-heavy Python program: recursive fib(27) five times, about 3
# million calls and no wait.  Prints its own time, so start-up is not part
# of the figure (and five runs make it long enough to measure).
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


start = time.perf_counter_ns()
for _ in range(5):
    fib(27)
print('elapsed_ns=%d' % (time.perf_counter_ns() - start))
