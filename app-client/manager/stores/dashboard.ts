import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { z } from 'zod'
import type { DashboardChartsSchema, DashboardQueuesSchema } from '@shared/schemas/console.schema'
import { managerApi } from '../api/manager-api'

export type DashboardQueues = z.infer<typeof DashboardQueuesSchema>
export type DashboardCharts = z.infer<typeof DashboardChartsSchema>

/** The periods the dashboard offers, in days; the URL keeps the chosen one. */
export const CHART_PERIODS = [7, 30, 90, 365] as const
export const DEFAULT_PERIOD = 30

/** A period from the URL, or the default when it is not one the dashboard offers. */
export function periodFromQuery(value: unknown): number {
  const days = Number(Array.isArray(value) ? value[0] : value)
  return (CHART_PERIODS as readonly number[]).includes(days) ? days : DEFAULT_PERIOD
}

/** The last `days` days up to now, as the chart endpoint takes them. */
export function periodRange(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() }
}

/** The queues that need a person today and the charts over the chosen period. */
export const useDashboardStore = defineStore('console-dashboard', () => {
  const queues = ref<DashboardQueues | null>(null)
  const queuesError = shallowRef<unknown>(null)
  const charts = shallowRef<DashboardCharts | null>(null)
  const chartsError = shallowRef<unknown>(null)
  const chartsLoading = ref(false)
  let chartRequest = 0

  async function loadQueues(): Promise<void> {
    try {
      queues.value = await managerApi.getDashboardQueues()
      queuesError.value = null
    } catch (cause) {
      queuesError.value = cause
    }
  }

  async function loadCharts(days: number): Promise<void> {
    const mine = ++chartRequest
    chartsLoading.value = true
    try {
      const answer = await managerApi.getDashboardCharts({ query: periodRange(days) })
      if (mine !== chartRequest) return
      charts.value = answer
      chartsError.value = null
    } catch (cause) {
      if (mine === chartRequest) chartsError.value = cause
    } finally {
      if (mine === chartRequest) chartsLoading.value = false
    }
  }

  return { queues, queuesError, charts, chartsError, chartsLoading, loadQueues, loadCharts }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDashboardStore, import.meta.hot))
