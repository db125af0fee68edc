/* Users of the lock objects. */
#include "../sys/pool.h"
typedef struct kmutex kmutex_t;
kmutex_t *mutex_obj_alloc(int type, int ipl);
int mutex_obj_free(kmutex_t *lock);
struct proc { kmutex_t *p_lock; kmutex_t *p_stmutex; };
void
proc_ctor(struct proc *p)
{
	p->p_lock = mutex_obj_alloc(0, 0);
	p->p_stmutex = mutex_obj_alloc(0, 6);
}
void
proc_dtor(struct proc *p)
{
	mutex_obj_free(p->p_lock);
	mutex_obj_free(p->p_stmutex);
}
