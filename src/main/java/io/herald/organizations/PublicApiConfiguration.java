package io.herald.organizations;

import io.herald.web.PublicApi;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts API-key authentication in front of /public/v1 and hands controllers the caller's organization. */
@Configuration(proxyBeanMethods = false)
class PublicApiConfiguration implements WebMvcConfigurer {

    private final ApiKeyInterceptor interceptor;

    PublicApiConfiguration(ApiKeyInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns(PublicApi.PATH + "/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerOrganizationResolver());
    }

    private static final class CallerOrganizationResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == CallerOrganization.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer container,
                NativeWebRequest request,
                WebDataBinderFactory binderFactory) {
            var caller = request.getAttribute(ApiKeyInterceptor.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (caller == null) {
                throw new IllegalStateException("No API key was checked for this route");
            }
            return caller;
        }
    }
}
