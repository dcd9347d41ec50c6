# Two named asyncio Tasks that take turns at their awaits (test-model-coroutines).
import asyncio


async def fetch(n):
    for i in range(3):
        await asyncio.sleep(0.05)  # line 7: where each step suspends
    return n


async def main():
    a = asyncio.create_task(fetch(1), name='fetch-a')
    b = asyncio.create_task(fetch(2), name='fetch-b')
    await asyncio.gather(a, b)


asyncio.run(main())
