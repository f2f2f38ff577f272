// A whole AT Protocol network (PLC directory, PDS, AppView, Ozone) in one Node process, on 127.0.0.1 only.
//
// Usage (scripts/atproto-net drives this; you rarely call it by hand):
//   node start.mjs run              start, write $ATPROTO_NET_ENV_FILE when ready, stop cleanly on SIGTERM/SIGINT
//   node start.mjs drop SCHEMA      drop the PostgreSQL schemas a run left behind (after a crash)
//
// Environment:
//   DB_POSTGRES_URL       PostgreSQL used by the AppView and Ozone (required)
//   ATPROTO_NET_SCHEMA    letters/underscores only: dev-env refuses digits; one fresh name per run
//   ATPROTO_NET_ENV_FILE  where to write the exported URLs once every service answers
//   ATPROTO_NET_PLC_PORT / _PDS_PORT / _APPVIEW_PORT / _OZONE_PORT   fixed ports (default: any free port)
import dns from 'node:dns'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

// Every dev-env URL says "localhost"; with the servers bound to 127.0.0.1 only, Node must not try ::1 first.
dns.setDefaultResultOrder('ipv4first')

const LOOPBACK = '127.0.0.1'
const ANY_HOSTS = new Set([undefined, null, '', '0.0.0.0', '::'])

// dev-env's servers call listen(port) without a host, i.e. on every interface. Nothing in its config
// changes that, so pin every TCP listener of this process to the loopback interface.
const originalListen = net.Server.prototype.listen
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0]
  if (first === undefined || typeof first === 'function') {
    args = [0, LOOPBACK, ...args]
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string' || args[1] === null || args[1] === undefined) {
      if (ANY_HOSTS.has(args[1])) args[1] = LOOPBACK
      if (args.length === 1) args.push(LOOPBACK)
    } else {
      args.splice(1, 0, LOOPBACK)
    }
  } else if (first && typeof first === 'object' && ('port' in first) && !first.path && !first.fd && !first._handle) {
    if (ANY_HOSTS.has(first.host)) args[0] = { ...first, host: LOOPBACK }
  }
  return originalListen.apply(this, args)
}

function log(message) {
  process.stderr.write(`[atproto-net ${new Date().toISOString()}] ${message}\n`)
}

function requireSchemaName(name) {
  if (!name || !/^[a-z_]+$/.test(name)) {
    throw new Error(`ATPROTO_NET_SCHEMA must be letters/underscores only (dev-env refuses digits), got ${JSON.stringify(name)}`)
  }
  return name
}

async function dropSchemas(schema) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: process.env.DB_POSTGRES_URL })
  await client.connect()
  try {
    // dev-env derives appview_<schema> and ozone_<schema>; take anything ending in the run's name.
    const { rows } = await client.query(
      "SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1 OR schema_name LIKE $2",
      [schema, `%\\_${schema}`],
    )
    for (const { schema_name: name } of rows) {
      await client.query(`DROP SCHEMA IF EXISTS "${name.replaceAll('"', '""')}" CASCADE`)
      log(`dropped schema ${name}`)
    }
  } finally {
    await client.end()
  }
}

// `{ port: undefined }` would override dev-env's own port choice (it spreads these objects last),
// so a service gets a `port` key only when one is asked for.
function portOption(name) {
  const value = process.env[`ATPROTO_NET_${name}_PORT`]
  return value ? { port: Number(value) } : {}
}

async function waitHealthy(url, deadlineMs) {
  const deadline = Date.now() + deadlineMs
  let lastError = 'no answer'
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/xrpc/_health`)
      if (res.ok) return
      lastError = `HTTP ${res.status}`
    } catch (err) {
      lastError = String(err)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} not healthy after ${deadlineMs} ms: ${lastError}`)
}

async function run() {
  if (!process.env.DB_POSTGRES_URL) throw new Error('DB_POSTGRES_URL is required')
  // dev-env asserts REDIS_HOST is set but never connects to it in this configuration.
  process.env.REDIS_HOST ||= 'unused-by-dev-env'
  const schema = requireSchemaName(process.env.ATPROTO_NET_SCHEMA)
  const envFile = process.env.ATPROTO_NET_ENV_FILE
  if (!envFile) throw new Error('ATPROTO_NET_ENV_FILE is required')

  const started = Date.now()
  const { TestNetwork } = await import('@atproto/dev-env')
  const network = await TestNetwork.create({
    dbPostgresSchema: schema,
    plc: portOption('PLC'),
    pds: portOption('PDS'),
    bsky: portOption('APPVIEW'),
    ozone: portOption('OZONE'),
  })
  const loopback = (url) => url.replace('//localhost:', `//${LOOPBACK}:`)
  const urls = {
    ATPROTO_PDS_URL: loopback(network.pds.url),
    ATPROTO_APPVIEW_URL: loopback(network.bsky.url),
    ATPROTO_PLC_URL: loopback(network.plc.url),
    ATPROTO_OZONE_URL: loopback(network.ozone.url),
  }
  await waitHealthy(urls.ATPROTO_PDS_URL, 20000)
  await waitHealthy(urls.ATPROTO_APPVIEW_URL, 20000)

  let stopping = false
  const stop = async (signal) => {
    if (stopping) return
    stopping = true
    log(`${signal}: closing the network`)
    try {
      await network.close()
    } catch (err) {
      log(`close failed: ${err}`)
    }
    try {
      await dropSchemas(schema)
    } catch (err) {
      log(`dropping schemas failed: ${err}`)
    }
    process.exit(0)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  const lines = Object.entries(urls).map(([k, v]) => `export ${k}=${v}`)
  lines.push(`export ATPROTO_NET_SCHEMA=${schema}`, `export ATPROTO_NET_PID=${process.pid}`)
  // Written last and atomically: its presence is the readiness signal scripts/atproto-net waits for.
  fs.mkdirSync(path.dirname(envFile), { recursive: true })
  fs.writeFileSync(`${envFile}.tmp`, lines.join('\n') + '\n')
  fs.renameSync(`${envFile}.tmp`, envFile)
  log(`ready in ${Date.now() - started} ms: ${JSON.stringify(urls)}`)
}

const [mode, arg] = process.argv.slice(2)
try {
  if (mode === 'run') {
    await run()
  } else if (mode === 'drop') {
    await dropSchemas(requireSchemaName(arg))
  } else {
    throw new Error('usage: node start.mjs run | drop SCHEMA')
  }
} catch (err) {
  log(`failed: ${err?.stack || err}`)
  process.exit(1)
}
