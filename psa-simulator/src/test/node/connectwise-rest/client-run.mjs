// Runs the published `connectwise-rest` npm client (pinned in package.json) against a ConnectWise PSA
// (Manage) REST API, normally Horizon's simulator. Every API call goes through the package's own
// ManageAPI methods; the one exception is the company-info lookup, which the package does not offer.
//
// Environment:
//   CW_SITE_URL          site root, e.g. https://127.0.0.1:40123/  (must be https: see below)
//   CW_COMPANY_ID        company id, the part before '+' in the Basic user name
//   CW_PUBLIC_KEY        API member public key
//   CW_PRIVATE_KEY       API member private key
//   CW_CLIENT_ID         clientId header value (a GUID)
//   CW_STATUS_ID         optional: status id for the PATCH; otherwise one is picked from the ticket's board
//   CW_OWNER_IDENTIFIER  optional: member identifier for the PATCH owner and the time entry; otherwise picked
//                        from /system/members
//   CW_BOARD_ID          optional: restrict the ticket query to this board
//   CW_CONDITIONS        optional: ticket conditions, default `closedFlag = false AND id > 0`
//   CW_PAGE_SIZE         optional: page size for the ticket query, default 10 (at least 3 pages are required)
//   CW_ENTRY_POINT       optional: codebase without the trailing slash; otherwise read from /login/companyinfo
//   CW_API_VERSION       optional: the version in the Accept header; the package's default is 2021.1
//
// connectwise-rest 1.3.0 always builds its base URL as `https://${companyUrl}/${entryPoint}/apis/3.0` and
// has no option for the scheme, so CW_SITE_URL has to be an https URL. For a self-signed test certificate,
// start node with NODE_EXTRA_CA_CERTS=<PEM file>.
//
// Output: one JSON line per step on stdout, then `connectwise-rest: N passed, M failed`. The exit code is 0
// only when nothing failed. The package's own log lines go to stderr.

import { ManageAPI } from 'connectwise-rest'

const STEPS = ['companyinfo', 'list', 'count', 'patch', 'note', 'time-entry', 'callback']

function env(name, fallback) {
  const value = process.env[name]
  return value === undefined || value === '' ? fallback : value
}

function required(name) {
  const value = env(name)
  if (value === undefined) {
    throw new Error(`environment variable ${name} is required`)
  }
  return value
}

// The package rejects with a plain object {status, data, message}, where data is ConnectWise's error body.
function describe(error) {
  if (error instanceof Error) {
    // fetch() wraps the network error (refused, certificate, ...) in `cause`
    const cause = error.cause ? `: ${error.cause.code ?? ''} ${error.cause.message ?? error.cause}`.trimEnd() : ''
    return `${error.message}${cause}`
  }
  if (error && typeof error === 'object') {
    const parts = []
    if (error.status !== undefined) parts.push(`HTTP ${error.status}`)
    parts.push(error.message ?? 'request failed')
    if (error.data !== undefined && error.data !== '') {
      parts.push(typeof error.data === 'string' ? error.data : JSON.stringify(error.data))
    }
    return parts.join(' | ')
  }
  return String(error)
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message)
  }
}

// ConnectWise wants datetimes without fractional seconds.
function cwDate(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function sameIdentifier(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase()
}

const config = {}
let site
try {
  site = new URL(required('CW_SITE_URL'))
  config.companyId = required('CW_COMPANY_ID')
  config.publicKey = required('CW_PUBLIC_KEY')
  config.privateKey = required('CW_PRIVATE_KEY')
  config.clientId = required('CW_CLIENT_ID')
} catch (error) {
  console.log(JSON.stringify({ step: 'setup', ok: false, error: describe(error) }))
  console.log(`connectwise-rest: 0 passed, 1 failed`)
  process.exit(2)
}
if (site.protocol !== 'https:') {
  console.log(
    JSON.stringify({
      step: 'setup',
      ok: false,
      error:
        `CW_SITE_URL is ${site.href}: connectwise-rest always calls https://{companyUrl}/{entryPoint}/apis/3.0 ` +
        'and has no option for plain http, so the site must be served over https ' +
        '(trust a test certificate with NODE_EXTRA_CA_CERTS)',
    }),
  )
  console.log(`connectwise-rest: 0 passed, 1 failed`)
  process.exit(2)
}

// companyUrl is pasted between "https://" and "/{entryPoint}", so host:port plus any path prefix fits.
const companyUrl = site.host + site.pathname.replace(/\/+$/, '')
const conditionsBase = env('CW_CONDITIONS', 'closedFlag = false AND id > 0')
const boardId = env('CW_BOARD_ID') === undefined ? undefined : Number(env('CW_BOARD_ID'))
const conditions = boardId === undefined ? conditionsBase : `(${conditionsBase}) AND board/id = ${boardId}`
const pageSize = Number(env('CW_PAGE_SIZE', '10'))
const runTag = `connectwise-rest run ${Date.now()}`

// The package's log lines (it logs every request, and an 'error' line for each failed one) go to stderr.
const logger = (level, text, meta) => {
  const extra = meta === undefined ? '' : ` ${JSON.stringify(meta)}`
  process.stderr.write(`[connectwise-rest ${level}] ${text}${extra}\n`)
}

const state = {}
let cwm

const steps = {
  // The package has no call for /login/companyinfo/{companyId}; it only takes entryPoint as an option
  // (default 'v4_6_release'). This is the one request made without the package, as integrators do.
  async companyinfo() {
    let entryPoint = env('CW_ENTRY_POINT')
    let info = null
    if (entryPoint === undefined) {
      const url = new URL(`login/companyinfo/${encodeURIComponent(config.companyId)}`, site.href.endsWith('/') ? site.href : `${site.href}/`)
      const response = await fetch(url, { headers: { Accept: 'application/json' } })
      const body = await response.text()
      check(response.status === 200, `GET ${url.pathname} answered ${response.status}: ${body}`)
      info = JSON.parse(body)
      check(typeof info.Codebase === 'string' && info.Codebase.endsWith('/'), `Codebase should end with '/': ${body}`)
      entryPoint = info.Codebase.replace(/\/+$/, '')
    }
    cwm = new ManageAPI({
      ...config,
      companyUrl,
      entryPoint,
      apiVersion: env('CW_API_VERSION'),
      logger,
    })
    return {
      entryPoint,
      baseURL: `https://${companyUrl}/${entryPoint}/apis/3.0`,
      codebase: info?.Codebase,
      versionCode: info?.VersionCode,
      isCloud: info?.IsCloud,
    }
  },

  // (a) tickets with conditions across at least three pages, through the package's paginate helper.
  async list() {
    check(cwm, 'no client: companyinfo failed')
    const pages = []
    // paginate(apiMethod, {startPage, pageSize}, params) calls apiMethod(params) with page/pageSize set,
    // page after page, until a page comes back short or empty. The wrapper only records each page.
    const listPage = async function (params) {
      const rows = await cwm.ServiceAPI.getServiceTickets(params)
      pages.push({ page: params.page, size: Array.isArray(rows) ? rows.length : null, ids: (rows ?? []).map((t) => t.id) })
      return rows
    }
    const tickets = await cwm.paginate(listPage, { startPage: 1, pageSize }, { conditions, orderBy: 'id asc' })
    // Kept even if a check below fails, so the later steps still have tickets to work on.
    state.tickets = tickets
    const ids = tickets.map((t) => t.id)
    check(ids.every((id) => Number.isInteger(id) && id > 0), `every ticket needs a positive integer id: ${JSON.stringify(ids)}`)
    for (let i = 1; i < ids.length; i++) {
      check(ids[i] > ids[i - 1], `ids must ascend without repeats, got ${ids[i - 1]} then ${ids[i]}`)
    }
    check(new Set(ids).size === ids.length, 'ids repeat across pages')
    const pagesWithRows = pages.filter((p) => p.size > 0)
    check(
      pagesWithRows.length >= 3,
      `expected at least 3 pages of ${pageSize}, got ${pagesWithRows.length} with ${pages.map((p) => p.size)} rows ` +
        `(${ids.length} tickets match "${conditions}")`,
    )
    pages.forEach((p, i) => check(p.page === i + 1, `pages must be asked in order 1, 2, 3..., got ${pages.map((q) => q.page)}`))
    pagesWithRows.slice(0, -1).forEach((p) => check(p.size === pageSize, `page ${p.page} is not full: ${p.size} of ${pageSize}`))
    if (/closedFlag\s*=\s*false/i.test(conditions)) {
      const closed = tickets.filter((t) => t.closedFlag === true).map((t) => t.id)
      check(closed.length === 0, `conditions say closedFlag = false but these are closed: ${closed}`)
    }
    return { conditions, pageSize, pages: pages.map((p) => ({ page: p.page, size: p.size })), listed: ids.length, first: ids[0], last: ids[ids.length - 1] }
  },

  // (b) the count endpoint with the same conditions.
  async count() {
    check(cwm, 'no client: companyinfo failed')
    const result = await cwm.ServiceAPI.getServiceTicketsCount({ conditions })
    check(result && Number.isInteger(result.count), `count should be {"count": N}: ${JSON.stringify(result)}`)
    const listed = state.tickets?.length
    check(listed !== undefined, 'no listing to compare with: list failed')
    // paginate stops only on a short or empty page, so the listing is complete.
    check(result.count === listed, `count ${result.count} differs from the ${listed} tickets listed`)
    return { count: result.count, listed }
  },

  // (c) PATCH status and owner, then read the ticket back.
  async patch() {
    check(state.tickets?.length, 'no ticket to patch: list failed')
    const target = state.tickets[Math.min(pageSize, state.tickets.length - 1)]
    const before = await cwm.ServiceAPI.getServiceTicketsById(target.id)
    check(before?.id === target.id, `GET /service/tickets/${target.id} returned ${JSON.stringify(before)?.slice(0, 200)}`)

    let statusId = env('CW_STATUS_ID') === undefined ? undefined : Number(env('CW_STATUS_ID'))
    if (statusId === undefined) {
      const board = boardId ?? before.board?.id
      check(board !== undefined, 'ticket has no board; set CW_STATUS_ID or CW_BOARD_ID')
      const statuses = await cwm.ServiceAPI.getServiceBoardsByParentIdStatuses(board, { pageSize: 1000 })
      const pick = (statuses ?? []).find(
        (s) => s.id !== before.status?.id && s.inactive !== true && s.closedStatus !== true,
      )
      check(pick, `no other open status on board ${board}: ${JSON.stringify(statuses)}; set CW_STATUS_ID`)
      statusId = pick.id
    }

    let owner = env('CW_OWNER_IDENTIFIER')
    if (owner === undefined) {
      const members = await cwm.SystemAPI.getSystemMembers({ pageSize: 1000 })
      const pick =
        (members ?? []).find((m) => m.inactiveFlag !== true && !sameIdentifier(m.identifier, before.owner?.identifier)) ??
        (members ?? []).find((m) => m.inactiveFlag !== true)
      check(pick?.identifier, `no active member to own the ticket; set CW_OWNER_IDENTIFIER`)
      owner = pick.identifier
    }
    state.member = owner

    const operations = [
      { op: 'replace', path: 'status', value: { id: statusId } },
      { op: 'replace', path: 'owner', value: { identifier: owner } },
    ]
    const patched = await cwm.ServiceAPI.patchServiceTicketsById(target.id, operations)
    check(patched?.id === target.id, `PATCH returned ${JSON.stringify(patched)?.slice(0, 200)}`)
    check(patched.status?.id === statusId, `PATCH response has status ${JSON.stringify(patched.status)}, wanted id ${statusId}`)
    check(sameIdentifier(patched.owner?.identifier, owner), `PATCH response has owner ${JSON.stringify(patched.owner)}, wanted ${owner}`)

    const after = await cwm.ServiceAPI.getServiceTicketsById(target.id)
    check(after.status?.id === statusId, `re-read ticket has status ${JSON.stringify(after.status)}, wanted id ${statusId}`)
    check(sameIdentifier(after.owner?.identifier, owner), `re-read ticket has owner ${JSON.stringify(after.owner)}, wanted ${owner}`)
    state.ticketId = target.id
    return {
      ticket: target.id,
      status: { from: before.status?.id ?? null, to: after.status.id, name: after.status.name },
      owner: { from: before.owner?.identifier ?? null, to: after.owner.identifier },
    }
  },

  // (d) an internal note whose newline ConnectWise turns into a space.
  async note() {
    check(state.ticketId, 'no ticket: patch failed')
    const sent = `${runTag}: first line\nsecond line`
    const expected = sent.replace(/\n/g, ' ')
    const note = await cwm.ServiceAPI.postServiceTicketsByParentIdNotes(state.ticketId, {
      text: sent,
      detailDescriptionFlag: false,
      internalAnalysisFlag: true,
      resolutionFlag: false,
    })
    check(Number.isInteger(note?.id) && note.id > 0, `POST notes returned no id: ${JSON.stringify(note)}`)
    check(note.ticketId === undefined || note.ticketId === state.ticketId, `note belongs to ticket ${note.ticketId}`)
    check(note.text === expected, `note text ${JSON.stringify(note.text)}, wanted the newline as a space: ${JSON.stringify(expected)}`)
    check(note.internalAnalysisFlag === true, `internalAnalysisFlag came back ${note.internalAnalysisFlag}`)
    // Generated signature: getServiceTicketsByParentIdNotesById(id, parentId).
    const reread = await cwm.ServiceAPI.getServiceTicketsByParentIdNotesById(note.id, state.ticketId)
    check(reread?.text === expected, `re-read note text ${JSON.stringify(reread?.text)}`)
    return { ticket: state.ticketId, note: note.id, text: note.text }
  },

  // (e) a time entry charged to the ticket.
  async 'time-entry'() {
    check(state.ticketId, 'no ticket: patch failed')
    const member = env('CW_OWNER_IDENTIFIER', state.member)
    check(member, 'no member identifier: set CW_OWNER_IDENTIFIER')
    const start = new Date(Math.floor(Date.now() / 60000) * 60000 - 2 * 3600 * 1000)
    const end = new Date(start.getTime() + 3600 * 1000)
    const entry = await cwm.TimeAPI.postTimeEntries({
      chargeToType: 'ServiceTicket',
      chargeToId: state.ticketId,
      member: { identifier: member },
      timeStart: cwDate(start),
      timeEnd: cwDate(end),
      notes: `${runTag}: time entry`,
    })
    // The package resolves with the response body only; the 201 status itself is not visible through it.
    check(Number.isInteger(entry?.id) && entry.id > 0, `POST /time/entries returned no id: ${JSON.stringify(entry)}`)
    check(entry.chargeToId === state.ticketId, `chargeToId came back ${entry.chargeToId}`)
    check(entry.chargeToType === 'ServiceTicket', `chargeToType came back ${entry.chargeToType}`)
    check(sameIdentifier(entry.member?.identifier, member), `member came back ${JSON.stringify(entry.member)}`)
    if (entry.actualHours !== undefined && entry.actualHours !== null) {
      check(Math.abs(entry.actualHours - 1) < 0.01, `actualHours came back ${entry.actualHours} for a one-hour entry`)
    }
    const reread = await cwm.TimeAPI.getTimeEntriesById(entry.id)
    check(reread?.id === entry.id && reread.chargeToId === state.ticketId, `re-read time entry: ${JSON.stringify(reread)}`)
    return { ticket: state.ticketId, timeEntry: entry.id, member, timeStart: entry.timeStart, actualHours: entry.actualHours }
  },

  // (f) a callback registration, its duplicate rejected as ObjectExists, then deletion.
  async callback() {
    check(cwm, 'no client: companyinfo failed')
    const body = {
      url: 'http://127.0.0.1:1/hook?recordId=',
      objectId: 1,
      type: 'ticket',
      level: 'owner',
      description: 'connectwise-rest run',
    }
    const first = await cwm.SystemAPI.postSystemCallbacks({ ...body })
    check(Number.isInteger(first?.id) && first.id > 0, `POST /system/callbacks returned no id: ${JSON.stringify(first)}`)
    check(first.url === body.url && first.type === body.type && first.level === body.level, `callback came back ${JSON.stringify(first)}`)
    check(first.objectId === 1, `objectId came back ${first.objectId}`)

    let duplicate
    try {
      const second = await cwm.SystemAPI.postSystemCallbacks({ ...body })
      duplicate = { accepted: second }
    } catch (error) {
      duplicate = { error }
    }
    if (duplicate.accepted) {
      await cwm.SystemAPI.deleteSystemCallbacksById(first.id).catch(() => {})
      if (duplicate.accepted?.id) await cwm.SystemAPI.deleteSystemCallbacksById(duplicate.accepted.id).catch(() => {})
      throw new Error(`the duplicate callback was accepted: ${JSON.stringify(duplicate.accepted)}`)
    }
    const rejection = duplicate.error
    const code = rejection?.data?.errors?.[0]?.code
    check(code === 'ObjectExists', `duplicate should fail with errors[0].code ObjectExists, got: ${describe(rejection)}`)

    await cwm.SystemAPI.deleteSystemCallbacksById(first.id)
    // Once the first is gone the same registration is no longer a duplicate.
    const again = await cwm.SystemAPI.postSystemCallbacks({ ...body })
    check(Number.isInteger(again?.id) && again.id !== first.id, `re-registering after delete returned ${JSON.stringify(again)}`)
    await cwm.SystemAPI.deleteSystemCallbacksById(again.id)
    return {
      callback: first.id,
      duplicate: { status: rejection.status, code, message: rejection.data?.errors?.[0]?.message ?? rejection.data?.message },
      deleted: [first.id, again.id],
    }
  },
}

let passed = 0
let failed = 0
for (const name of STEPS) {
  const started = Date.now()
  try {
    const detail = await steps[name]()
    passed++
    console.log(JSON.stringify({ step: name, ok: true, ms: Date.now() - started, ...detail }))
  } catch (error) {
    failed++
    console.log(JSON.stringify({ step: name, ok: false, ms: Date.now() - started, error: describe(error) }))
  }
}
console.log(`connectwise-rest: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
