// The insight filters of the API, kept in the URL's hash with the API's own parameter names, so the
// list's query string goes to GET …/insights unchanged.

export const FIELDS = [
  { name: 'issue_class', label: 'Class' },
  { name: 'issue_type', label: 'Type', values: ['compliance_violation', 'configuration_suggestion', 'email_security',
    'exposed_infrastructure', 'insecure_configuration', 'weak_authentication'] },
  { name: 'product', label: 'Product' },
  { name: 'severity', label: 'Severity', values: ['Low', 'Moderate', 'Critical'] },
  { name: 'subject', label: 'Subject' },
];

export const NEQ = '~neq';

/** {values: [...], negate} of one field in `params` (URLSearchParams). */
export function read(params, field) {
  const negate = params.has(field + NEQ);
  const raw = params.getAll(negate ? field + NEQ : field).join(',');
  return { values: raw.split(',').map((v) => v.trim()).filter(Boolean), negate };
}

/** Sets one field in `params` (a copy is not made). */
export function write(params, field, { values, negate }) {
  params.delete(field);
  params.delete(field + NEQ);
  if (values.length) params.set(negate ? field + NEQ : field, values.join(','));
}

/** The filters of `params` without paging: what the counts take. */
export function countQuery(params, without) {
  const query = {};
  for (const [name, value] of params) {
    if (name === 'page' || name === 'per_page') continue;
    if (without && (name === without || name === without + NEQ)) continue;
    query[name] = value;
  }
  return query;
}

export function toObject(params) {
  return Object.fromEntries(params);
}
