/** `address`: province, city, district, street and postcode, shown on one line. */
import { useI18n } from '../i18n.js';
import { withValue, type FieldPart } from './field-part.js';

const PARTS = ['province', 'city', 'district', 'street', 'postcode'] as const;

export const addressPart: FieldPart = {
  group: true,
  Input: function AddressInput({ id, value, onChange, describedBy }) {
    const { t } = useI18n();
    const a = value && typeof value === 'object' ? (value as Record<string, string>) : {};
    return (
      <div
        className="address"
        id={id}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
      >
        {PARTS.map((p) => (
          <label key={p} className={p === 'street' ? 'wide' : ''}>
            <span>{t(p)}</span>
            <input
              type="text"
              value={a[p] ?? ''}
              onChange={(e) => {
                const next = withValue(a, p, e.target.value || undefined);
                onChange(Object.keys(next).length ? next : undefined);
              }}
            />
          </label>
        ))}
      </div>
    );
  },
  Value: ({ value }) => {
    const a = value as Record<string, unknown>;
    return (
      <span>
        {PARTS.map((k) => a[k])
          .filter((x) => typeof x === 'string' && x !== '')
          .join(' ')}
      </span>
    );
  },
};
