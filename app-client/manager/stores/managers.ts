import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref, shallowRef } from 'vue'
import type { z } from 'zod'
import type { ManagerAccountSchema } from '@shared/schemas/manager-access.schema'
import type { ManagerRole } from '@shared/domain/manager-roles'
import { managerApi } from '../api/manager-api'

export type ManagerAccount = z.output<typeof ManagerAccountSchema>

/** The admins' view of the console's accounts and the sign-in policy. */
export const useManagersStore = defineStore('managers', () => {
  const accounts = ref<ManagerAccount[]>([])
  const requireTwoFactor = ref(false)
  const isLoading = ref(false)
  const loaded = ref(false)
  const error = shallowRef<unknown>(null)

  async function load(): Promise<void> {
    isLoading.value = true
    try {
      const [list, policy] = await Promise.all([managerApi.listManagers(), managerApi.getSignInPolicy()])
      accounts.value = list.items
      requireTwoFactor.value = policy.requireTwoFactor
      error.value = null
      loaded.value = true
    } catch (cause) {
      error.value = cause
    } finally {
      isLoading.value = false
    }
  }

  function replace(account: ManagerAccount): ManagerAccount {
    const index = accounts.value.findIndex((item) => item.id === account.id)
    if (index === -1) accounts.value.push(account)
    else accounts.value[index] = account
    return account
  }

  /** @returns the generated password, shown once, or null when one was given. */
  async function create(input: { email: string; name: string; role: ManagerRole; password?: string }) {
    const result = await managerApi.createManagerAccount({ body: input })
    replace(result.manager)
    return result.generatedPassword
  }

  const changeRole = async (id: string, role: ManagerRole) =>
    replace(await managerApi.changeManagerRole({ params: { id }, body: { role } }))
  const deactivate = async (id: string) => replace(await managerApi.deactivateManager({ params: { id } }))
  const reactivate = async (id: string) => replace(await managerApi.reactivateManager({ params: { id } }))
  const resetTwoFactor = async (id: string) => replace(await managerApi.resetManagerTwoFactor({ params: { id } }))

  /** @returns the generated password, shown once. */
  async function resetPassword(id: string): Promise<string | null> {
    const result = await managerApi.resetManagerPassword({ params: { id }, body: {} })
    replace(result.manager)
    return result.generatedPassword
  }

  async function setRequireTwoFactor(value: boolean): Promise<void> {
    requireTwoFactor.value = (await managerApi.setSignInPolicy({ body: { requireTwoFactor: value } })).requireTwoFactor
  }

  return {
    accounts: readonly(accounts),
    requireTwoFactor: readonly(requireTwoFactor),
    isLoading: readonly(isLoading),
    loaded: readonly(loaded),
    error: readonly(error),
    load,
    create,
    changeRole,
    deactivate,
    reactivate,
    resetPassword,
    resetTwoFactor,
    setRequireTwoFactor,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useManagersStore, import.meta.hot))
