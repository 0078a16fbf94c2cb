/* IRQ flags on the stack (bpf_local_irq_save/restore) and resilient spin
 * locks (bpf_res_spin_lock): a saved flag is a stack object with a
 * reference of its own, restored last-in first-out; a resilient lock may
 * fail, so its result must be checked before the critical section. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define private(name) SEC(".data." #name) __hidden __attribute__((aligned(8)))

private(RL) struct bpf_res_spin_lock rlock;
private(RL) long counter;

/* accepted: save, restore */
SEC("tc")
int irq_save_restore_ok(void *ctx)
{
	unsigned long flags;

	bpf_local_irq_save(&flags);
	bpf_local_irq_restore(&flags);
	return 0;
}

/* rejected: the slot holds no saved flag */
SEC("tc")
int irq_restore_uninit(void *ctx)
{
	unsigned long flags = 0;

	bpf_local_irq_restore(&flags);
	return 0;
}

/* rejected: the program ends with IRQs disabled */
SEC("tc")
int irq_exit_disabled(void *ctx)
{
	unsigned long flags;

	bpf_local_irq_save(&flags);
	return 0;
}

/* rejected: nested flags are restored in the wrong order */
SEC("tc")
int irq_restore_out_of_order(void *ctx)
{
	unsigned long f1, f2;

	bpf_local_irq_save(&f1);
	bpf_local_irq_save(&f2);
	bpf_local_irq_restore(&f1);
	bpf_local_irq_restore(&f2);
	return 0;
}

/* rejected: saving twice into the same slot */
SEC("tc")
int irq_save_twice(void *ctx)
{
	unsigned long flags;

	bpf_local_irq_save(&flags);
	bpf_local_irq_save(&flags);
	bpf_local_irq_restore(&flags);
	return 0;
}

/* accepted: the failed-lock path returns without unlocking */
SEC("tc")
int res_lock_ok(void *ctx)
{
	if (bpf_res_spin_lock(&rlock))
		return 0;
	counter++;
	bpf_res_spin_unlock(&rlock);
	return 0;
}

/* rejected: the unchecked path unlocks a lock it never took */
SEC("tc")
int res_lock_unchecked(void *ctx)
{
	bpf_res_spin_lock(&rlock);
	counter++;
	bpf_res_spin_unlock(&rlock);
	return 0;
}

/* rejected: taking the same lock twice would deadlock */
SEC("tc")
int res_lock_aa(void *ctx)
{
	if (bpf_res_spin_lock(&rlock))
		return 0;
	if (bpf_res_spin_lock(&rlock)) {
		bpf_res_spin_unlock(&rlock);
		return 0;
	}
	bpf_res_spin_unlock(&rlock);
	bpf_res_spin_unlock(&rlock);
	return 0;
}

/* accepted: the irqsave flavour saves into the flag and restores from it */
SEC("tc")
int res_lock_irqsave_ok(void *ctx)
{
	unsigned long flags;

	if (bpf_res_spin_lock_irqsave(&rlock, &flags))
		return 0;
	counter++;
	bpf_res_spin_unlock_irqrestore(&rlock, &flags);
	return 0;
}

/* rejected: a kfunc that is not lock-safe inside the critical section */
SEC("tc")
int res_lock_call_in_cs(void *ctx)
{
	unsigned long flags;

	if (bpf_res_spin_lock_irqsave(&rlock, &flags))
		return 0;
	bpf_local_irq_restore(&flags);
	bpf_res_spin_unlock_irqrestore(&rlock, &flags);
	return 0;
}

/* rejected: a flag saved by the native kfunc is not restored by the lock
 * family */
SEC("tc")
int res_lock_irq_mismatch(void *ctx)
{
	unsigned long native, lock;

	bpf_local_irq_save(&native);
	if (bpf_res_spin_lock_irqsave(&rlock, &lock)) {
		bpf_local_irq_restore(&native);
		return 0;
	}
	bpf_res_spin_unlock_irqrestore(&rlock, &native);
	bpf_local_irq_restore(&lock);
	return 0;
}

char _license[] SEC("license") = "GPL";
