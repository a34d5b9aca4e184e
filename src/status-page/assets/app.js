// The live status page. Plain browser JavaScript, no framework and no third-party request: it
// reads the same public HTTP API as any client and redraws when the live feed (Server-Sent
// Events) says the log has grown. Everything in the log is written by parties to a conflict,
// so nothing from it is ever put into the page as HTML: text nodes and SVG attributes only.
'use strict';

const STATUS_WORDS = {
  pending: 'Pending — agreed, not yet in effect',
  holding: 'Holding — no breach reported since it took effect',
  contested: 'Contested — breaches alleged, none verified',
  violated: 'Violated — a breach verified or observed by monitors',
  suspended: 'Suspended',
  collapsed: 'Collapsed',
  ended: 'Ended',
};

const EVENT_WORDS = {
  TruceAgreed: 'Truce agreed',
  TruceEffectiveTimeRevised: 'Effective time revised',
  TruceSuspended: 'Suspended',
  TruceResumed: 'Resumed',
  TruceCollapsed: 'Collapsed',
  TruceEnded: 'Ended',
  TruceReopened: 'Reopened',
  PurposeMilestoneRecorded: 'Milestone',
  ZoneDefined: 'Zone defined',
  ZoneRetired: 'Zone retired',
  BreachReported: 'Breach claimed',
  BreachDenied: 'Denied',
  VerificationChanged: 'Verification',
  AttributionDetermined: 'Attribution',
  CasualtiesRevised: 'Casualties revised',
  ReportRetracted: 'Report retracted',
  ObservationRecorded: 'Observed by monitors',
  ObservationAssessed: 'Observation assessed',
  ObservationWithdrawn: 'Observation withdrawn',
  ReportPublished: 'Report published',
};

const SVG = 'http://www.w3.org/2000/svg';
const byId = (id) => document.getElementById(id);
const state = { truceId: null, refreshing: null, again: false };

async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    const error = new Error(`${path} answered ${res.status}`);
    error.status = res.status;
    throw error;
  }
  return res.json();
}

/** An optional part of the page: absent (404) or refused endpoints leave it empty. */
async function optionalJson(path) {
  try {
    return await getJson(path);
  } catch {
    return null;
  }
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function svgEl(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function formatUtc(iso) {
  if (!iso) return '—';
  return `${iso
    .replace('T', ' ')
    .replace(/:00(\.000)?Z$/, '')
    .replace(/(\.\d+)?Z$/, '')} UTC`;
}

function formatInZone(iso, timezone) {
  if (!iso || !timezone) return '—';
  try {
    const text = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(new Date(iso));
    return `${text} (${timezone})`;
  } catch {
    return `— (unknown time zone ${timezone})`;
  }
}

function setConnection(text) {
  byId('connection').textContent = text;
}

// ---- the list of truces ----

function renderTruceList(truces) {
  const list = byId('truce-list');
  list.replaceChildren();
  byId('no-truces').hidden = truces.length > 0;
  for (const truce of truces) {
    const item = el('li');
    const link = el('a', truce.name);
    link.href = `#${truce.truceId}`;
    if (truce.truceId === state.truceId) link.setAttribute('aria-current', 'true');
    const badge = el('span', truce.status, 'status');
    badge.dataset.status = truce.status;
    item.append(link, ' ', badge);
    list.append(item);
  }
}

// ---- one truce ----

function renderSummary(summary) {
  byId('truce').hidden = false;
  byId('truce-name').textContent = summary.name;
  const status = byId('truce-status');
  status.textContent = STATUS_WORDS[summary.status] ?? summary.status;
  status.dataset.status = summary.status;
  byId('truce-parties').textContent = summary.parties.map((p) => `${p.name} (${p.id})`).join(', ');
  byId('truce-effective-utc').textContent = formatUtc(summary.effectiveAt);
  const source = summary.effectiveAtSource;
  byId('truce-effective-local').textContent = source ? `${formatInZone(summary.effectiveAt, source.timezone)}${source.text ? ` — “${source.text}”` : ''}` : '—';
  byId('truce-breaches').textContent = `${summary.counts.breaches} (ambiguous ${summary.counts.ambiguous}, before the truce ${summary.counts.preTruce})`;
  byId('truce-last-breach').textContent = formatUtc(summary.lastBreachAt);
  renderTally(summary.tally);
}

function renderTally(tally) {
  const rows = byId('tally-rows');
  rows.replaceChildren();
  for (const party of tally) {
    const row = el('tr');
    const name = el('th', party.name);
    name.scope = 'row';
    row.append(
      name,
      el('td', party.reportsMade),
      el('td', party.accusedIn),
      el('td', party.deniedCount),
      el('td', sumCasualties(party.casualtiesAlleged?.killed)),
    );
    rows.append(row);
  }
  const chart = byId('tally-chart');
  const width = 320;
  const barHeight = 14;
  const rowHeight = 44;
  chart.setAttribute('viewBox', `0 0 ${width} ${Math.max(1, tally.length) * rowHeight}`);
  chart.replaceChildren(svgEl('title', {}, 'Reports made and accusations, per party'));
  const most = Math.max(1, ...tally.flatMap((p) => [p.reportsMade, p.accusedIn]));
  tally.forEach((party, index) => {
    const y = index * rowHeight;
    chart.append(svgEl('text', { x: 0, y: y + 11, class: 'label' }, party.name));
    // Room is kept on the right for the figure's label.
    const made = (party.reportsMade / most) * (width - 90);
    const accused = (party.accusedIn / most) * (width - 90);
    chart.append(svgEl('rect', { x: 0, y: y + 14, width: Math.max(made, 1), height: barHeight / 1.5, class: 'bar-made' }));
    chart.append(svgEl('text', { x: made + 4, y: y + 23, class: 'value' }, `made ${party.reportsMade}`));
    chart.append(svgEl('rect', { x: 0, y: y + 26, width: Math.max(accused, 1), height: barHeight / 1.5, class: 'bar-accused' }));
    chart.append(svgEl('text', { x: accused + 4, y: y + 35, class: 'value' }, `accused ${party.accusedIn}`));
  });
}

function sumCasualties(group) {
  if (!group) return 0;
  if (typeof group === 'number') return group;
  return Object.values(group).reduce((total, value) => total + (typeof value === 'number' ? value : (value?.best ?? 0)), 0);
}

function renderSeries(series) {
  const section = byId('series-section');
  if (!series || !Array.isArray(series.buckets) || series.buckets.length === 0) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const buckets = series.buckets.slice(-31);
  const chart = byId('series-chart');
  const width = 320;
  const height = 120;
  const slot = width / buckets.length;
  const most = Math.max(1, ...buckets.flatMap((b) => [b.total.breaches, b.total.observations]));
  chart.setAttribute('viewBox', `0 0 ${width} ${height + 16}`);
  chart.replaceChildren(svgEl('title', {}, `Breaches and observations per day (${series.tz})`));
  buckets.forEach((bucket, index) => {
    const x = index * slot;
    const breaches = (bucket.total.breaches / most) * height;
    const observations = (bucket.total.observations / most) * height;
    const day = bucket.start.slice(5, 10);
    const bar = svgEl('rect', { x: x + 1, y: height - breaches, width: Math.max(slot / 2 - 1, 1), height: breaches, class: 'bar-accused' });
    bar.append(svgEl('title', {}, `${day}: ${bucket.total.breaches} breaches`));
    const seen = svgEl('rect', { x: x + slot / 2, y: height - observations, width: Math.max(slot / 2 - 1, 1), height: observations, class: 'bar-observed' });
    seen.append(svgEl('title', {}, `${day}: ${bucket.total.observations} observations`));
    chart.append(bar, seen);
    if (buckets.length <= 8 || index % Math.ceil(buckets.length / 8) === 0) chart.append(svgEl('text', { x, y: height + 13, class: 'value' }, day));
  });
}

function coordinatesOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'Polygon') return geometry.coordinates.flat();
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat(2);
  return [];
}

function renderMap(zones, incidents, observations) {
  const map = byId('map');
  const features = [...(zones?.features ?? []), ...(incidents?.features ?? []), ...(observations?.features ?? [])];
  const points = features.flatMap((f) => coordinatesOf(f.geometry)).filter((c) => Number.isFinite(c[0]) && Number.isFinite(c[1]));
  map.replaceChildren(svgEl('title', {}, 'Zones, incidents and observations'));
  if (points.length === 0) {
    map.setAttribute('viewBox', '0 0 320 30');
    map.append(svgEl('text', { x: 0, y: 18, class: 'value' }, 'No positions recorded.'));
    return;
  }
  const lons = points.map((c) => c[0]);
  const lats = points.map((c) => c[1]);
  // At least a tenth of a degree each way, centred on what there is: one point sits in the middle.
  const widen = (low, high) => (high - low >= 0.1 ? [low, high] : [(low + high) / 2 - 0.05, (low + high) / 2 + 0.05]);
  const [west, east] = widen(Math.min(...lons), Math.max(...lons));
  const [south, north] = widen(Math.min(...lats), Math.max(...lats));
  // Equirectangular, shrunk east–west by the cosine of the middle latitude: fair over a region.
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = (east - west) * squeeze;
  const spanY = north - south;
  const width = 320;
  const height = Math.min(320, Math.max(120, (width * spanY) / spanX));
  const pad = 12;
  const x = (lon) => pad + (((lon - west) * squeeze) / spanX) * (width - 2 * pad);
  const y = (lat) => pad + ((north - lat) / spanY) * (height - 2 * pad);
  map.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (const zone of zones?.features ?? []) {
    const rings = zone.geometry.type === 'Polygon' ? zone.geometry.coordinates : zone.geometry.coordinates.flat();
    const d = rings.map((ring) => `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`).join('');
    const outline = svgEl('path', { d, class: 'zone', 'fill-rule': 'evenodd' });
    outline.append(svgEl('title', {}, zone.properties?.name ?? zone.properties?.zoneId ?? 'zone'));
    map.append(outline);
  }
  for (const incident of incidents?.features ?? []) {
    if (incident.geometry?.type !== 'Point') continue;
    const [lon, lat] = incident.geometry.coordinates;
    const dot = svgEl('circle', { cx: x(lon), cy: y(lat), r: 5, class: 'incident' });
    dot.append(
      svgEl('title', {}, `${incident.properties?.location ?? incident.properties?.locationName ?? 'incident'}: ${incident.properties?.classification ?? ''}`),
    );
    map.append(dot);
  }
  for (const observation of observations?.features ?? []) {
    if (observation.geometry?.type !== 'Point') continue;
    const [lon, lat] = observation.geometry.coordinates;
    const square = svgEl('rect', { x: x(lon) - 4, y: y(lat) - 4, width: 8, height: 8, class: 'observation' });
    square.append(svgEl('title', {}, `observation: ${observation.properties?.kind ?? ''}`));
    map.append(square);
  }
}

function occurredOf(event) {
  const data = event.data ?? {};
  return data.occurredAt?.from ?? data.observedAt?.from ?? data.at ?? data.effectiveAt ?? null;
}

function describe(event) {
  const data = event.data ?? {};
  switch (event.type) {
    case 'BreachReported':
      return `${data.reportedBy} accuses ${data.accusedParty}${data.location?.name ? ` — ${data.location.name}` : ''}`;
    case 'BreachDenied':
      return `${data.deniedBy}: ${typeof data.statement === 'string' ? data.statement : (data.statement?.text ?? '')}`;
    case 'VerificationChanged':
      return `${data.status} (${data.by})`;
    case 'AttributionDetermined':
      return `${data.attributedTo ?? 'not attributable'} (${data.by})`;
    case 'ObservationRecorded':
      return `${data.count ?? 1} × ${data.kind} by ${data.observedBy}, origin ${data.origin ?? 'undetermined'}`;
    case 'ObservationAssessed':
      return `${data.assessment ?? ''} ${data.origin ? `origin ${data.origin}` : ''}`.trim();
    case 'TruceAgreed':
      return data.name;
    default:
      return data.reason ?? data.kind ?? '';
  }
}

function renderTimeline(history) {
  const list = byId('timeline');
  list.replaceChildren();
  const items = [...(history?.items ?? [])].reverse();
  if (items.length === 0) list.append(el('li', 'Nothing recorded yet.'));
  for (const event of items) {
    const item = el('li', undefined, 'event');
    item.dataset.type = event.type;
    item.append(el('span', EVENT_WORDS[event.type] ?? event.type, 'event-type'), ' ', el('span', describe(event), 'event-text'));
    const times = el('span', undefined, 'event-times');
    const occurred = occurredOf(event);
    times.textContent = `${occurred ? `occurred ${formatUtc(occurred)} · ` : ''}recorded ${formatUtc(event.recordedAt)}`;
    item.append(times);
    list.append(item);
  }
}

function renderCheckpoint(checkpoint) {
  byId('checkpoint').textContent = checkpoint ? `${checkpoint.origin} · tree size ${checkpoint.treeSize} · root ${checkpoint.rootHash}` : '—';
}

// ---- loading and live updates ----

async function refresh() {
  // One refresh at a time; an update that arrives meanwhile asks for one more afterwards.
  if (state.refreshing) {
    state.again = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    try {
      const page = await getJson('/truces?limit=50');
      const truces = page.items ?? [];
      const wanted = decodeURIComponent(location.hash.slice(1));
      state.truceId = truces.some((t) => t.truceId === wanted) ? wanted : (truces[0]?.truceId ?? null);
      renderTruceList(truces);
      if (state.truceId)
        await refreshTruce(
          state.truceId,
          truces.find((t) => t.truceId === state.truceId),
        );
      renderCheckpoint(await optionalJson('/checkpoint?format=json'));
    } catch (error) {
      setConnection(
        error.status === 401 ? 'This service asks for a key to read (READ_REQUIRES_KEY): the page cannot show it.' : `Could not load: ${error.message}`,
      );
    } finally {
      state.refreshing = null;
      if (state.again) {
        state.again = false;
        void refresh();
      }
    }
  })();
  return state.refreshing;
}

async function refreshTruce(truceId, summary) {
  const id = encodeURIComponent(truceId);
  const timezone = summary?.effectiveAtSource?.timezone ?? 'UTC';
  const [full, history, series, zones, incidents, observations] = await Promise.all([
    getJson(`/truces/${id}`),
    optionalJson(`/truces/${id}/history?limit=1000`),
    optionalJson(`/truces/${id}/timeseries?interval=day&tz=${encodeURIComponent(timezone)}&by=party`),
    optionalJson(`/truces/${id}/zones.geojson`),
    optionalJson(`/truces/${id}/incidents.geojson`),
    optionalJson(`/truces/${id}/observations.geojson`),
  ]);
  if (state.truceId !== truceId) return;
  renderSummary(full);
  renderSeries(series);
  renderMap(zones, incidents, observations);
  renderTimeline(history);
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refresh(), 150);
}

async function listen() {
  const integrity = await optionalJson('/integrity');
  const after = integrity?.headPosition ?? 0;
  const feed = new EventSource(`/events/live?after=${after}`);
  feed.onopen = () => setConnection('Live: the page updates as events are recorded.');
  feed.onerror = () => setConnection('Live feed interrupted: reconnecting…');
  // Every event type arrives as its own SSE `event:`; any of them may change what is shown.
  for (const type of Object.keys(EVENT_WORDS)) feed.addEventListener(type, refreshSoon);
  feed.onmessage = refreshSoon;
}

window.addEventListener('hashchange', () => void refresh());
void refresh().then(listen);
