/** A field's problems, in the paragraph its input names in `aria-describedby`. */
export function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  return (
    <p className="field-error" id={id}>
      {messages.join(' ')}
    </p>
  );
}
