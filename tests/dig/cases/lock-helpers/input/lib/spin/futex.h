/* futex-style wait and wake on an address, and the atomics (defined elsewhere) */
int a_swap(volatile int *p, int v);
void a_store(volatile int *p, int v);
void __wait(volatile int *addr, volatile int *waiters, int val, int priv);
void __wake(volatile int *addr, int cnt, int priv);
