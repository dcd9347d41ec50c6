/*
 * thread-pool: four named worker threads take jobs from a queue guarded
 * by a mutex and a condition variable, like concurrent.futures'
 * ThreadPoolExecutor.  submit() returns a future; future_result() blocks
 * until a worker has filled it in.  shutdown() lets the workers finish
 * and joins them.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "demo-util.h"

#define N_WORKERS 4
#define N_JOBS 10

typedef struct {
  int argument;
  int result;
  bool done;
} Future;

/* Globals, so the trace names them: queue_lock, work_ready, result_ready. */
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t result_ready = PTHREAD_COND_INITIALIZER;
static Future *queue[N_JOBS];
static int queue_head, queue_tail;
static bool shutting_down;

static void *
worker (void *data)
{
  char name[16];

  snprintf (name, sizeof name, "pool-%d", (int) (long) data);
  pthread_setname_np (pthread_self (), name);
  for (;;)
    {
      Future *job;

      pthread_mutex_lock (&queue_lock);
      while (queue_head == queue_tail && !shutting_down)
        pthread_cond_wait (&work_ready, &queue_lock);
      if (queue_head == queue_tail)
        {
          pthread_mutex_unlock (&queue_lock);
          return NULL;
        }
      job = queue[queue_head++];
      pthread_mutex_unlock (&queue_lock);

      /* The job: an IO-like wait of 100-280 ms, then the answer.  Jobs
       * of different lengths let the workers pick up work at different times. */
      sleep_ms (100 + 60 * (job->argument % 4));
      printf ("[%s] job %d * 10 = %d\n", name, job->argument, job->argument * 10);
      fflush (stdout);

      pthread_mutex_lock (&queue_lock);
      job->result = job->argument * 10;
      job->done = true;
      pthread_cond_broadcast (&result_ready);
      pthread_mutex_unlock (&queue_lock);
    }
}

static Future *
submit (int argument)
{
  Future *future = calloc (1, sizeof *future);

  future->argument = argument;
  pthread_mutex_lock (&queue_lock);
  queue[queue_tail++] = future;
  pthread_cond_signal (&work_ready);
  pthread_mutex_unlock (&queue_lock);
  return future;
}

static int
future_result (Future *future)
{
  int result;

  pthread_mutex_lock (&queue_lock);
  while (!future->done)
    pthread_cond_wait (&result_ready, &queue_lock);
  result = future->result;
  pthread_mutex_unlock (&queue_lock);
  return result;
}

int
main (void)
{
  pthread_t workers[N_WORKERS];
  Future *futures[N_JOBS];

  say ("main: a pool of %d threads; submit() gives futures, result() waits for them", N_WORKERS);
  say ("主线程: 线程池 -- submit() 返回 future, future.result() 阻塞等待结果");
  for (long i = 0; i < N_WORKERS; i++)
    pthread_create (&workers[i], NULL, worker, (void *) (i + 1));
  sleep_ms (200);
  for (int i = 0; i < N_JOBS; i++)
    futures[i] = submit (i + 1);
  say ("main: submitted %d jobs without waiting", N_JOBS);
  for (int i = 0; i < N_JOBS; i++)
    say ("main: future %d .result() = %d", i + 1, future_result (futures[i]));

  say ("main: shutdown(wait=True)");
  pthread_mutex_lock (&queue_lock);
  shutting_down = true;
  pthread_cond_broadcast (&work_ready);
  pthread_mutex_unlock (&queue_lock);
  for (int i = 0; i < N_WORKERS; i++)
    pthread_join (workers[i], NULL);
  for (int i = 0; i < N_JOBS; i++)
    free (futures[i]);
  say ("main: every worker has exited");
  return 0;
}
