import {
  type APIActionRowComponent,
  type APITextInputComponent,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';

export interface FormField {
  id: string;
  label: string;
  /** A box of several lines; one line otherwise. */
  paragraph?: boolean;
  required: boolean;
  /** Left out of the payload when not given. */
  min?: number;
  max: number;
  placeholder?: string;
  /** What the box starts with, cut to `max` (Discord refuses a longer one). */
  value?: string | null;
}

/** One text box of a form, in its own row: a form has one box per row. */
export function formField(field: FormField): APIActionRowComponent<APITextInputComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: field.id,
        label: field.label,
        style: field.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: field.required,
        ...(field.min === undefined ? {} : { min_length: field.min }),
        max_length: field.max,
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(field.value ? { value: field.value.slice(0, field.max) } : {}),
      },
    ],
  };
}
