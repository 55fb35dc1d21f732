import type { ManagerAbilityName } from '@shared/domain/manager-roles'
import CompanyIcon from '@bitrix24/b24icons-vue/outline/CompanyIcon'
import EarthWithStopIcon from '@bitrix24/b24icons-vue/outline/EarthWithStopIcon'
import FeedbackIcon from '@bitrix24/b24icons-vue/outline/FeedbackIcon'
import FileIcon from '@bitrix24/b24icons-vue/outline/FileIcon'
import GroupIcon from '@bitrix24/b24icons-vue/outline/GroupIcon'
import HomeIcon from '@bitrix24/b24icons-vue/outline/HomeIcon'
import LeadIcon from '@bitrix24/b24icons-vue/outline/LeadIcon'
import PulseIcon from '@bitrix24/b24icons-vue/outline/PulseIcon'
import TaskIcon from '@bitrix24/b24icons-vue/outline/TaskIcon'
import TaskListIcon from '@bitrix24/b24icons-vue/outline/TaskListIcon'
import UndoIcon from '@bitrix24/b24icons-vue/outline/UndoIcon'

export interface ConsoleSection {
  /** Its label is `nav.<key>`. */
  key: string
  icon: typeof HomeIcon
  /** The route the section opens; a section appears once a screen registers a route of this name. */
  route?: string
  /** A page outside the console (the API reference). */
  href?: string
  /** Only for roles with this ability. */
  ability?: ManagerAbilityName
}

/**
 * The console's sections in the order the navigation lists them. Adding a screen means adding its route (with
 * the same name) to router.ts: the navigation shows every section whose route exists and the role may open.
 */
export const CONSOLE_SECTIONS: readonly ConsoleSection[] = [
  { key: 'dashboard', icon: HomeIcon, route: 'dashboard' },
  { key: 'partners', icon: CompanyIcon, route: 'partners' },
  { key: 'requests', icon: TaskIcon, route: 'requests' },
  { key: 'returns', icon: UndoIcon, route: 'returns' },
  { key: 'leadSync', icon: LeadIcon, route: 'lead-sync' },
  { key: 'restrictedCountries', icon: EarthWithStopIcon, route: 'restricted-countries' },
  { key: 'feedback', icon: FeedbackIcon, route: 'client-feedback' },
  { key: 'audit', icon: TaskListIcon, route: 'audit-log' },
  { key: 'managers', icon: GroupIcon, route: 'managers', ability: 'manageManagers' },
  { key: 'status', icon: PulseIcon, route: 'system-status' },
  { key: 'apiDocs', icon: FileIcon, href: '/api/docs' },
]

/** The sections to list: those with a route (or a link) whose ability the role has. */
export function visibleSections(
  sections: readonly ConsoleSection[],
  hasRoute: (name: string) => boolean,
  abilities: Record<ManagerAbilityName, boolean>,
): ConsoleSection[] {
  return sections.filter(
    (section) =>
      (section.href !== undefined || (section.route !== undefined && hasRoute(section.route))) &&
      (!section.ability || abilities[section.ability]),
  )
}
