// The banner of a student's read-only view (view-as.ts): on every tab, above everything, whose
// eyes the page looks through and that nothing can be changed, and the way back.
import { useI18n } from '../i18n/use-i18n.js';
import { im } from './instructor-messages.js';

export function createViewAsBanner(address: string, onLeave: () => void) {
  return function ViewAsBanner() {
    const { tr } = useI18n();
    return (
      <div class="ins-view-as" role="status" data-testid="view-as-banner" data-student={address}>
        <span>
          <strong data-testid="view-as-text">{tr(im.viewAs.banner)(address)}</strong>
          <span class="ins-view-as-explain"> {tr(im.viewAs.explain)}</span>
        </span>
        <button type="button" class="btn btn-small" onClick={onLeave} data-testid="view-as-leave">
          {tr(im.viewAs.leave)}
        </button>
      </div>
    );
  };
}
