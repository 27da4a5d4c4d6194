/**
 * The write side's Lua scripts. Each runs atomically in Redis: the check, the change, and the
 * outbox entry of the event that records the change happen in one step, so no change is ever
 * made without its event, and two buyers can never both take the last unit.
 *
 * Events arrive as JSON templates built by the caller (envelope, ids, request context); a script
 * fills in what only it knows (stock version, units left, price) and stores the final JSON in the
 * product's outbox until JetStream acknowledges it.
 */
const prelude = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function outbox_put(outbox, outbox_at, event)
  local json = cjson.encode(event)
  redis.call('HSET', outbox, event.id, json)
  redis.call('ZADD', outbox_at, now_ms(), event.id)
  return json
end
`;

/**
 * KEYS: product, stock, version, buyers, outbox, outboxAt, idempotency record
 * ARGV: userId, quantity, OrderPlaced template, use idempotency ('1'|'0'), idempotency ttl (s)
 * Returns {'ok', eventJson} | {'replay', firstAnswer} | {refusalCode}
 */
export const RESERVE = `${prelude}
local idem = ARGV[4] == '1'
if idem then
  local first = redis.call('GET', KEYS[7])
  if first then return {'replay', first} end
end
local function refuse(code)
  if idem then redis.call('SET', KEYS[7], code, 'EX', ARGV[5]) end
  return {code}
end
local p = redis.call('HMGET', KEYS[1], 'currency', 'salePriceCents', 'startsAtMs', 'endsAtMs', 'endedAtMs', 'perUserLimit')
if not p[1] then return refuse('unknown_product') end
local now = now_ms()
if p[3] == '' or now < tonumber(p[3]) or now >= tonumber(p[4]) or p[5] ~= '' then
  return refuse('sale_not_open')
end
local qty = tonumber(ARGV[2])
if tonumber(redis.call('GET', KEYS[2]) or '0') < qty then return refuse('sold_out') end
if tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0') + qty > tonumber(p[6]) then
  return refuse('limit_reached')
end
local available = redis.call('DECRBY', KEYS[2], qty)
local version = redis.call('INCR', KEYS[3])
redis.call('HINCRBY', KEYS[4], ARGV[1], qty)
local event = cjson.decode(ARGV[3])
local unit = tonumber(p[2])
event.data.unitPriceCents = unit
event.data.totalCents = unit * qty
event.data.currency = p[1]
event.data.stockVersion = version
event.data.availableAfter = available
local json = outbox_put(KEYS[5], KEYS[6], event)
if idem then redis.call('SET', KEYS[7], 'ok:' .. event.id, 'EX', ARGV[5]) end
return {'ok', json}
`;

/**
 * Takes back a reservation that no replica acknowledged in time (the request then fails closed
 * with 503), unless its OrderPlaced already left the outbox (then it stands). The stock version
 * stays bumped: versions only need to grow.
 * KEYS: stock, buyers, outbox, outboxAt, idempotency record. ARGV: orderId, userId, quantity.
 * Returns 1 when taken back, 0 when the event was already published.
 */
export const UNDO_RESERVE = `
if redis.call('HDEL', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('INCRBY', KEYS[1], ARGV[3])
if redis.call('HINCRBY', KEYS[2], ARGV[2], -tonumber(ARGV[3])) <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[2])
end
redis.call('DEL', KEYS[5])
return 1
`;

/**
 * Returns a rejected order's units to stock, at most once per order.
 * KEYS: stock, version, buyers, released, outbox, outboxAt
 * ARGV: orderId, userId, quantity, StockReleased template
 */
export const RELEASE = `${prelude}
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return {'already'} end
local available = redis.call('INCRBY', KEYS[1], ARGV[3])
local version = redis.call('INCR', KEYS[2])
redis.call('HINCRBY', KEYS[3], ARGV[2], -tonumber(ARGV[3]))
local event = cjson.decode(ARGV[4])
event.data.available = available
event.data.stockVersion = version
return {'ok', outbox_put(KEYS[5], KEYS[6], event)}
`;

/** KEYS: product, stock, version, outbox, outboxAt. ARGV: ProductCreated template */
export const CREATE_PRODUCT = `${prelude}
if redis.call('EXISTS', KEYS[1]) == 1 then return {'product_exists'} end
local event = cjson.decode(ARGV[1])
local d = event.data
redis.call('HSET', KEYS[1], 'name', d.name, 'priceCents', d.priceCents, 'currency', d.currency,
  'salePriceCents', d.priceCents, 'startsAtMs', '', 'endsAtMs', '', 'endedAtMs', '', 'perUserLimit', 0)
redis.call('SET', KEYS[2], d.initialStock)
d.stockVersion = redis.call('INCR', KEYS[3])
return {'ok', outbox_put(KEYS[4], KEYS[5], event)}
`;

/** KEYS: product, outbox, outboxAt. ARGV: SaleScheduled template, startsAtMs, endsAtMs */
export const SCHEDULE_SALE = `${prelude}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'unknown_product'} end
local event = cjson.decode(ARGV[1])
redis.call('HSET', KEYS[1], 'startsAtMs', ARGV[2], 'endsAtMs', ARGV[3], 'endedAtMs', '',
  'perUserLimit', event.data.perUserLimit, 'salePriceCents', event.data.salePriceCents)
return {'ok', outbox_put(KEYS[2], KEYS[3], event)}
`;

/** KEYS: product, outbox, outboxAt. ARGV: SaleEnded template. Refuses when no sale is running. */
export const END_SALE = `${prelude}
local p = redis.call('HMGET', KEYS[1], 'startsAtMs', 'endsAtMs', 'endedAtMs')
if not p[1] then return {'unknown_product'} end
local now = now_ms()
if p[1] == '' or p[3] ~= '' or now >= tonumber(p[2]) then return {'sale_not_open'} end
redis.call('HSET', KEYS[1], 'endedAtMs', now)
local event = cjson.decode(ARGV[1])
return {'ok', outbox_put(KEYS[2], KEYS[3], event)}
`;

/** KEYS: product, stock, version, outbox, outboxAt. ARGV: StockReplenished template */
export const RESTOCK = `${prelude}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'unknown_product'} end
local event = cjson.decode(ARGV[1])
event.data.available = redis.call('INCRBY', KEYS[2], event.data.quantity)
event.data.stockVersion = redis.call('INCR', KEYS[3])
return {'ok', outbox_put(KEYS[4], KEYS[5], event)}
`;

/** KEYS: outbox, outboxAt. ARGV: eventId. Called once JetStream acknowledged the event. */
export const CLEAR_OUTBOX = `
redis.call('HDEL', KEYS[1], ARGV[1])
return redis.call('ZREM', KEYS[2], ARGV[1])
`;
