# coro-bench.py KIND: times one workload inside the program and prints
# "elapsed SECONDS" (bench-coroutines compares traced and untraced runs).
import sys
import time

kind = sys.argv[1]


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def run():
    if kind == 'fib':
        fib(27)
    elif kind == 'greenlet':
        from greenlet import greenlet

        def pong():
            while True:
                ping_g.switch()

        def ping():
            for _ in range(20000):
                pong_g.switch()

        ping_g = greenlet(ping)
        pong_g = greenlet(pong)
        ping_g.switch()
    elif kind == 'asyncio':
        import asyncio

        async def task():
            for _ in range(10):
                await asyncio.sleep(0)

        async def main():
            await asyncio.gather(*(task() for _ in range(1000)))

        asyncio.run(main())
    elif kind == 'generator':
        def consumer():
            while True:
                yield

        c = consumer()
        next(c)
        for i in range(50000):
            c.send(i)


start = time.monotonic()
run()
print('elapsed %.6f' % (time.monotonic() - start), flush=True)
