package dev.termpress.generator.markdown.internal;

import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkStatus;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.util.ast.Node;
import dev.termpress.generator.markdown.ContainerBlockExtension;

/** Rewrites links and image sources through the page's link rewriter (source paths to output URLs). */
public final class PageLinkResolver implements LinkResolver {

    private final LinkResolverBasicContext context;

    PageLinkResolver(LinkResolverBasicContext context) {
        this.context = context;
    }

    @Override
    public ResolvedLink resolveLink(Node node, LinkResolverBasicContext ignored, ResolvedLink link) {
        if (link.getLinkType() != LinkType.LINK && link.getLinkType() != LinkType.IMAGE) {
            return link;
        }
        String rewritten = ContainerBlockExtension.PAGE_CONTEXT.get(context.getDocument()).links().apply(link.getUrl());
        return link.withUrl(rewritten).withStatus(LinkStatus.VALID);
    }

    /** Creates a resolver per rendered document. */
    public static final class Factory extends IndependentLinkResolverFactory {
        @Override
        public LinkResolver apply(LinkResolverBasicContext context) {
            return new PageLinkResolver(context);
        }
    }
}
