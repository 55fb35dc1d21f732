import ts from 'typescript'

/** A statement in a source file that writes a table. */
export interface TableWrite {
  table: string
  line: number
  /** What was found: `.update(reservations)` or `update reservations`. */
  how: string
}

const DRIZZLE_WRITES = new Set(['insert', 'update', 'delete'])
const SQL_WRITE = /\b(insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi
const SCHEMA_MODULE = /(^|\/)db\/schema(\/[\w-]+)?$/

/**
 * Finds the table writes in one TypeScript source: Drizzle `.insert(t)`, `.update(t)` and `.delete(t)` where `t` is
 * a table imported from the Drizzle schema (by name, under another name, or through `import * as schema`), and raw
 * SQL `insert into t`, `update t`, `delete from t`, `truncate t` in any string or template literal (`sql\`…\``).
 * Comments are not code, so they never count.
 * @param tables the schema's tables: export name → SQL name.
 */
export function findTableWrites(source: string, tables: ReadonlyMap<string, string>): TableWrite[] {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true)
  const sqlNames = new Set(tables.values())
  const imported = new Map<string, string>()
  const namespaces = new Set<string>()
  const writes: TableWrite[] = []
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1

  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    if (!SCHEMA_MODULE.test(statement.moduleSpecifier.text)) continue
    const bindings = statement.importClause?.namedBindings
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text)
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const exported = (element.propertyName ?? element.name).text
        const table = tables.get(exported)
        if (table) imported.set(element.name.text, table)
      }
    }
  }

  const tableOf = (node: ts.Expression): string | undefined => {
    if (ts.isIdentifier(node)) return imported.get(node.text)
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text))
      return tables.get(node.name.text)
    return undefined
  }

  const scanText = (text: string, node: ts.Node) => {
    for (const match of text.matchAll(SQL_WRITE)) {
      const table = match[2]!.toLowerCase()
      if (sqlNames.has(table)) writes.push({ table, line: lineOf(node), how: match[0].replace(/\s+/g, ' ') })
    }
  }

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const [argument] = node.arguments
      const table =
        DRIZZLE_WRITES.has(method) && node.arguments.length === 1 && argument ? tableOf(argument) : undefined
      if (table) writes.push({ table, line: lineOf(node), how: `.${method}(${argument!.getText(file)})` })
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) scanText(node.text, node)
    if (ts.isTemplateExpression(node)) {
      // The parts around each ${…}; what is inside them is visited on its own.
      scanText([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? '), node)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return writes
}

export interface OwnershipRules {
  /** Table SQL name → owning folder (or file) under the scanned root. */
  owners: Readonly<Record<string, string>>
  exceptions: readonly { file: string; table: string }[]
}

export interface Violation extends TableWrite {
  file: string
  owner: string
}

const within = (file: string, owner: string) => file === owner || file.startsWith(`${owner}/`)

/** The writes in these files (paths relative to the scanned root) that neither the owner nor an exception makes. */
export function ownershipViolations(
  files: readonly { path: string; source: string }[],
  tables: ReadonlyMap<string, string>,
  rules: OwnershipRules,
): Violation[] {
  return files.flatMap(({ path, source }) =>
    findTableWrites(source, tables).flatMap((write) => {
      const owner = rules.owners[write.table] ?? '(no owner)'
      const excepted = rules.exceptions.some((entry) => entry.file === path && entry.table === write.table)
      return within(path, owner) || excepted ? [] : [{ ...write, file: path, owner }]
    }),
  )
}
