/**
 * The element tree satori lays out: the shape React elements have, built without React or JSX
 * (the project has neither).
 */
export interface CardElement {
  type: 'div' | 'span';
  props: { style?: Record<string, string | number>; children?: CardChild | CardChild[] };
}
type CardChild = CardElement | string;

export function el(style: Record<string, string | number>, ...children: CardChild[]): CardElement {
  // Satori lays out every div with more than one child as flex, and wants that said.
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}
